let count: num = "three";
let label: str = 3;
