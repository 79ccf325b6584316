// Helper for bring_file_with_code.w: a brought file that runs code besides declaring types.
pub struct Config {
  region: str;
}

let defaultRegion = "eu-west-1";
log("loading config");
