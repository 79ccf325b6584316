// SYNTAX TEST "source.wing" "literals, strings, operators, comments"
let n = 0x1F + 1_000 * 2.5e-3 ** 2 \ 3;
//      ^^^^ constant.numeric.hex.wing
//             ^^^^^ constant.numeric.decimal.wing
//                     ^^^^^^ constant.numeric.decimal.wing
//                            ^^ keyword.operator.arithmetic.wing
//                                 ^ keyword.operator.arithmetic.wing
let t = 1.5s + 10ms + 12mo;
//      ^^^^ constant.numeric.duration.wing
//             ^^^^ constant.numeric.duration.wing
//                    ^^^^ constant.numeric.duration.wing
let s = "hello {name.toUpperCase()}\n";
//      ^ string.quoted.double.wing punctuation.definition.string.begin.wing
//             ^ meta.interpolation.wing punctuation.section.interpolation.begin.wing
//              ^^^^ meta.interpolation.wing variable.other.wing - string
//                   ^^^^^^^^^^^ meta.interpolation.wing entity.name.function.wing
//                                ^ punctuation.section.interpolation.end.wing
//                                 ^^ constant.character.escape.wing
let j = "{Json { a: [1, 2] }} and {"inner {n}"}";
//        ^^^^ meta.interpolation.wing support.type.builtin.wing
//                          ^ meta.interpolation.wing punctuation.section.interpolation.end.wing
//                              ^^ string.quoted.double.wing - meta.interpolation.wing
//                                  ^^^^^^ string.quoted.double.wing meta.interpolation.wing string.quoted.double.wing
let r = #"{raw} \"quoted\"";
//      ^^ string.quoted.double.raw.wing punctuation.definition.string.begin.wing
//        ^^^^^ string.quoted.double.raw.wing - meta.interpolation.wing
//              ^^ constant.character.escape.wing
let ok = !(n >= 2) && x? || y ?? false;
//       ^ keyword.operator.logical.wing
//           ^^ keyword.operator.comparison.wing
//                 ^^ keyword.operator.logical.wing
//                     ^ keyword.operator.optional.wing
//                            ^^ keyword.operator.optional.wing
//                               ^^^^^ constant.language.boolean.wing
let m = MutMap<num>{ "k" => 1 };
//      ^^^^^^ support.type.builtin.wing
let u = link?.url!;
//          ^^ keyword.operator.optional.wing
//               ^ keyword.operator.optional.wing
for i in 0..=10 { if i > 2 { break; } else { continue; } }
// <--- keyword.control.wing
//    ^^ keyword.control.wing
//        ^^^ keyword.operator.range.wing
//                ^^ keyword.control.wing
/* a block
   comment */ let after = 1;
// <------------ comment.block.wing
//            ^^^ storage.type.wing
test "a test" { expect.nil(x); try { throw "e"; } catch e { log(e); } }
// <---- keyword.other.test.wing
//                     ^^^ entity.name.function.wing - constant.language.nil.wing
//                             ^^^ keyword.control.wing
//                                   ^^^^^ keyword.control.wing
//                                                ^^^^^ keyword.control.wing
