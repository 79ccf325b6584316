// Chat room primitives: a `pub inflight class` that other files extend.
pub struct Message {
  author: str;
  text: str;
}

pub inflight class Room {
  protected messages: MutArray<Message>;
  pub name: str;
  new(name: str) {
    this.name = name;
    this.messages = MutArray<Message>[];
  }
  pub post(author: str, text: str): num {
    this.messages.push(Message { author, text });
    return this.messages.length;
  }
  pub transcript(): str {
    let lines = MutArray<str>[];
    for m in this.messages {
      lines.push("{m.author}: {m.text}");
    }
    return lines.join("\n");
  }
}
