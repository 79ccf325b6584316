let bucket = new cloud.Bucket();
