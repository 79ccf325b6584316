// Helper for bring_cycle.w: brings billing.w, which brings this file back.
bring "./billing.w" as billing;

pub struct Order {
  id: str;
  amount: num;
}
