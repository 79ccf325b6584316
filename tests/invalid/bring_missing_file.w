// Bringing a file that does not exist.
bring "./modules/helpers.w" as helpers;

log("starting");
