bring cloud;
let bucket = new cloud.Bucket()
let queue = new cloud.Queue();
