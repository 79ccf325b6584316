// Helper for bring_file_without_alias.w and bring_private_type.w.
pub struct Circle {
  radius: num;
}

struct Hidden {
  secret: str;
}
