// A MutJson stored in an immutable Json literal could change under it (Wing rejects it too).
let draft = MutJson { title: "Q3 report", pages: 12 };
let published = Json { id: "r-1", body: draft };
