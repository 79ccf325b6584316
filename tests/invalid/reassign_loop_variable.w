// The variable of a `for` loop cannot be reassigned.
for i in 0..10 {
  if i % 2 == 0 {
    i = i + 1;
  }
  log("{i}");
}
