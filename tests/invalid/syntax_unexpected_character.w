// A character no Wing token starts with (a backtick pasted from Markdown).
let greeting = `hello`;
