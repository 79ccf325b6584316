// Inflight utilities (`wing:util`).

pub struct WaitUntilProps {
  timeout: duration?;
  interval: duration?;
}

pub extern inflight waitUntil(predicate: inflight (): bool, props: WaitUntilProps?): bool;
pub extern inflight sleep(delay: duration): void;
