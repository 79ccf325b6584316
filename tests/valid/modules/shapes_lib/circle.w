// Part of the `shapes_lib` directory, brought whole by
// `bring_a_directory.w`.
pub class Circle {
  r: num;
  new(r: num) {
    this.r = r;
  }
  pub area(): num {
    return 3 * this.r * this.r;
  }
}

pub struct Size {
  width: num;
  height: num;
}

// Not `pub`: not part of what the directory exports.
class Helper {}
