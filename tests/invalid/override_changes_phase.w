// An overriding method cannot change the phase of the method it overrides.
class Handler {
  pub inflight handle(event: str): str {
    return event;
  }
}

class AuditHandler extends Handler {
  pub handle(event: str): str {
    return "audited: {event}";
  }
}
