// An unknown escape sequence in a string (a Windows path written with single backslashes).
let logDir = "C:\logs\app";
