// A field declared without `var` can only be set in the constructor.
class Session {
  pub user: str;
  pub expiresIn: duration;
  new(user: str) {
    this.user = user;
    this.expiresIn = 1h;
  }
  pub renew() {
    this.expiresIn = 2h;
  }
}
