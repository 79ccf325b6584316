// A bucket of uploads with its event handlers, a public bucket of
// thumbnails and a bucket whose objects exist from the start.
bring cloud;

let uploads = new cloud.Bucket(forceDestroy: true) as "uploads";
let thumbnails = new cloud.Bucket(public: true, cors: false) as "thumbnails";
let templates = new cloud.Bucket() as "templates";
templates.addObject("welcome.html", "<h1>Welcome, $\{name}!</h1>");
templates.addCorsRule({ allowedMethods: [cloud.HttpMethod.GET], allowedOrigins: ["https://example.com"] });

uploads.onCreate(inflight (key: str) => {
  thumbnails.put("thumbs/{key}", "thumbnail of {key}");
});
uploads.onDelete(inflight (key: str) => {
  thumbnails.tryDelete("thumbs/{key}");
});
