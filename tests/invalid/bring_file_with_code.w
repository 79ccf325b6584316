// A brought file may only declare types; top-level code in it is rejected.
bring "./modules/config_with_code.w" as config;

let c = config.Config { region: "us-east-1" };
