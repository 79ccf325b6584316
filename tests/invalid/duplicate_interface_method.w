// An interface cannot declare the same method twice.
interface INotifier {
  inflight send(to: str, body: str): void;
  inflight send(to: str): void;
}
