// Files and paths (`wing:fs`), as Wing's `fs` module. Path operations are
// pure and run in both phases. Reading and writing files is preflight
// only: the compiler reads a program's configuration and data files at
// compile time; inflight code has no access to the host's files (a
// deviation from Wing, whose simulator lets it: inflight state belongs in
// resources, whose access is granted and checked).

pub struct MkdirOptions {
  recursive: bool?;
  mode: str?;
}

pub struct RemoveOptions {
  force: bool?;
  recursive: bool?;
}

pub struct ReadFileOptions {
  encoding: str?;
  flag: str?;
}

pub struct WriteFileOptions {
  encoding: str?;
  flag: str?;
}

// Paths are joined and normalized as Node's `path` module does (`/`).
pub extern unphased join(...paths: Array<str>): str;
pub extern unphased dirname(path: str): str;
pub extern unphased basename(path: str): str;
pub extern unphased extension(path: str): str?;
// `absolute` and `relative` resolve against the compiler's working
// directory.
pub extern absolute(...paths: Array<str>): str;
pub extern relative(from: str, to: str): str;

pub extern exists(path: str): bool;
pub extern isDir(path: str): bool;
// Entry names, sorted (as Node lists them).
pub extern readdir(dirpath: str): Array<str>;
pub extern tryReaddir(dirpath: str): Array<str>?;
pub extern readFile(filepath: str, options: ReadFileOptions?): str;
pub extern tryReadFile(filepath: str, options: ReadFileOptions?): str?;
pub extern readJson(filepath: str): Json;
pub extern tryReadJson(filepath: str): Json?;
pub extern mkdir(dirpath: str, opts: MkdirOptions?): void;
pub extern mkdtemp(prefix: str?): str;
pub extern writeFile(filepath: str, data: str, options: WriteFileOptions?): void;
pub extern writeJson(filepath: str, obj: Json): void;
pub extern appendFile(filepath: str, data: str, options: WriteFileOptions?): void;
pub extern remove(path: str, opts: RemoveOptions?): void;
