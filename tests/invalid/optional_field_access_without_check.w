// A member of an optional value needs `?.` or `!`: the value may be nil.
struct Profile {
  name: str;
  nickname: str?;
}

let shout = (p: Profile): num => {
  return p.nickname.length;
};
