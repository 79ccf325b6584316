// Bringing a directory (Wing brings every file in it) is not supported yet: a clear E0900 with the file-by-file workaround.
bring "./modules" as modules;

let total = modules.sum([1, 2, 3]);
