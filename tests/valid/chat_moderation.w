// Extending an inflight class from another file: a moderated chat room
// subclasses `chat.Room`, filters words before calling `super.post`, and
// reads the protected message list.
bring expect;
bring "./modules/chat.w" as chat;

inflight class ModeratedRoom extends chat.Room {
  banned: Array<str>;
  pub var rejected: num;
  new(name: str, banned: Array<str>) {
    super(name);
    this.banned = banned;
    this.rejected = 0;
  }
  pub post(author: str, text: str): num {
    for w in this.banned {
      if text.lowercase().contains(w) {
        this.rejected += 1;
        return this.messages.length;
      }
    }
    return super.post(author, text);
  }
  pub authors(): Array<str> {
    let out = MutSet<str>[];
    for m in this.messages {
      out.add(m.author);
    }
    return out.toArray();
  }
}

test "banned words are filtered" {
  let room = new ModeratedRoom("general", ["spam", "scam"]);
  room.post("ada", "hello all");
  room.post("bob", "Buy SPAM now");
  room.post("bob", "sorry");
  room.post("cy", "hi ada");
  expect.equal(room.rejected, 1);
  expect.equal(room.transcript(), "ada: hello all\nbob: sorry\ncy: hi ada");
  expect.equal(room.authors().join(","), "ada,bob,cy");
  expect.equal(room.name, "general");
}

test "the base class works on its own" {
  let plain = new chat.Room("random");
  expect.equal(plain.post("x", "spam is fine here"), 1);
}
