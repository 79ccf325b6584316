// SYNTAX TEST "source.wing" "bring, declarations, phases"
bring cloud;
// <----- keyword.control.import.wing
//    ^^^^^ entity.name.namespace.wing
//         ^ punctuation.terminator.statement.wing

bring "./lib.w" as lib;
//    ^^^^^^^^^ string.quoted.double.wing
//              ^^ keyword.control.import.wing

/// The one store of links.
// <~~~~~~~~~~~~~ comment.line.double-slash.wing
class Store impl IStore {
// <----- storage.type.class.wing
//    ^^^^^ entity.name.type.wing
//          ^^^^ storage.modifier.wing
//               ^^^^^^ entity.name.type.wing
  pub b: cloud.Bucket;
//^^^ storage.modifier.wing
//            ^ punctuation.accessor.wing
//             ^^^^^^ entity.name.type.wing
  new() {
//^^^ keyword.operator.new.wing
    this.b = new cloud.Bucket() as "b";
//  ^^^^ variable.language.wing
//           ^^^ keyword.operator.new.wing
//                              ^^ keyword.control.import.wing
  }
  pub inflight put(key: str, value: str): void {
//    ^^^^^^^^ storage.modifier.phase.inflight.wing
//             ^^^ entity.name.function.wing
//                      ^^^ support.type.primitive.wing
//                                        ^^^^ support.type.primitive.wing
    this.b.put(key, value);
//         ^^^ entity.name.function.wing
  }
}

struct Link { url: str; hits: num?; }
// <------ storage.type.struct.wing
//     ^^^^ entity.name.type.wing
//                               ^ keyword.operator.optional.wing

enum Color { RED, GREEN }
// <---- storage.type.enum.wing
//   ^^^^^ entity.name.type.wing

let var count = 0;
// <--- storage.type.wing
//  ^^^ storage.modifier.wing
//      ^^^^^ variable.other.declaration.wing
//            ^ keyword.operator.assignment.wing
//              ^ constant.numeric.decimal.wing

let handler = inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
//            ^^^^^^^^ storage.modifier.phase.inflight.wing
//                                                                ^^ storage.type.function.arrow.wing
  return { status: 200 };
//^^^^^^ keyword.control.wing
};

class Setup {
  preflight init() { }
//^^^^^^^^^ storage.modifier.phase.preflight.wing
  unphased check(): bool { return nil == nil; }
//^^^^^^^^ storage.modifier.phase.unphased.wing
//                                ^^^ constant.language.nil.wing
}
