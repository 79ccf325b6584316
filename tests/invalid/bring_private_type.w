// Only `pub` types of a brought file can be used.
bring "./modules/shapes.w" as shapes;

let c = shapes.Circle { radius: 2 };
let h = shapes.Hidden { secret: "x" };
