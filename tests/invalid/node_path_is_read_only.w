// A node's `path` and `id` are read-only; only its display properties
// (`title`, `description`, `hidden`, `color`, `icon`) can be set. Wing
// 0.85.49 rejects this too.
bring cloud;

let b = new cloud.Bucket();
nodeof(b).title = "Uploads";
nodeof(b).path = "root/elsewhere";
