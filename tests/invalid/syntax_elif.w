// Wing has no `elif`: write `else if`.
let grade = (score: num): str => {
  if score >= 90 {
    return "A";
  } elif score >= 80 {
    return "B";
  }
  return "C";
};
