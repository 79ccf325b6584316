bring cloud;
let q = new cloud.Queue(timout: 10s);
