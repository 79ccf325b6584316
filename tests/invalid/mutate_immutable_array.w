// An `Array` is immutable: `push` exists only on `MutArray`.
let tags = ["prod", "web"];
tags.push("eu-west");
