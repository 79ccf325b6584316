// Two `let` bindings with the same name in one scope.
bring cloud;

let bucket = new cloud.Bucket() as "images";
let bucket = new cloud.Bucket() as "thumbnails";
