pub class Slug {
  pub static of(title: str): str {
    return title.lowercase().replaceAll(" ", "-");
  }
}

pub interface Formatter {
  format(s: str): str;
}

pub class Shouter impl Formatter {
  pub format(s: str): str {
    return s.uppercase() + "!";
  }
}
