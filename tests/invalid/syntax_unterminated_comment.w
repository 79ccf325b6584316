// A block comment that is never closed.
let retries = 3;
/* TODO: make this configurable
let delay = 5s;
