// An intrinsic that does not exist (`@file` instead of `@filename`).
log("running {@file}");
