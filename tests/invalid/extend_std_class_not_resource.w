// Only resources of the standard library can be extended, and only by a
// preflight class.
bring cloud;

class Text extends std.Node {}

inflight class Local extends cloud.Queue {}
