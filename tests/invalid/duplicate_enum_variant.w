// An enum cannot declare the same variant twice.
enum Level {
  DEBUG,
  INFO,
  WARN,
  INFO,
  ERROR,
}
