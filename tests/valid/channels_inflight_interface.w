// Notification channels behind an `inflight interface` with two inflight
// implementations, chosen at run time and dispatched through the interface.
bring expect;

inflight interface IChannel {
  send(to: str, msg: str): str;
}

inflight class Email impl IChannel {
  pub send(to: str, msg: str): str {
    return "mailto:{to}?body={msg}";
  }
}

inflight class Sms impl IChannel {
  pub send(to: str, msg: str): str {
    return "sms:{to}:{msg.substring(0, 5)}";
  }
}

test "inflight dispatch through the interface" {
  let pick = (kind: str): IChannel => {
    if kind == "sms" {
      return new Sms();
    }
    return new Email();
  };
  expect.equal(pick("email").send("ada@x", "hello"), "mailto:ada@x?body=hello");
  expect.equal(pick("sms").send("555", "hello world"), "sms:555:hello");
  let channels = MutArray<IChannel>[];
  channels.push(new Email());
  channels.push(new Sms());
  let var out = "";
  for c in channels {
    out += c.send("x", "hey") + " ";
  }
  expect.equal(out, "mailto:x?body=hey sms:x:hey ");
}
