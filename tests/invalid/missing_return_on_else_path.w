// A function returning `str` must return on every path: here the `else` branch falls through.
enum Plan { FREE, PRO, ENTERPRISE }

let priceLabel = (plan: Plan): str => {
  if plan == Plan.FREE {
    return "free";
  } else if plan == Plan.PRO {
    return "$10/month";
  } else {
    log("enterprise plans are quoted");
  }
};
