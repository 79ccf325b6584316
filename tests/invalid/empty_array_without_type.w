// An empty array literal needs its element type written.
let var pending = [];
