// A brought file needs a name: `bring "./file.w" as name;`.
bring "./modules/shapes.w";

log("shapes");
