// Small linear algebra for image transforms: matrices as
// `Array<Array<num>>`, multiplication, transpose, identity and applying a
// rotation to a point, computed preflight and inflight.
bring math;
bring expect;

class Matrix {
  pub static multiply(a: Array<Array<num>>, b: Array<Array<num>>): Array<Array<num>> {
    let out = MutArray<Array<num>>[];
    for i in 0..a.length {
      let row = MutArray<num>[];
      for j in 0..b.at(0).length {
        let var sum = 0;
        for k in 0..b.length {
          sum += a.at(i).at(k) * b.at(k).at(j);
        }
        row.push(sum);
      }
      out.push(row.copy());
    }
    return out.copy();
  }
  pub static identity(n: num): Array<Array<num>> {
    let out = MutArray<Array<num>>[];
    for i in 0..n {
      let row = MutArray<num>[];
      for j in 0..n {
        if i == j {
          row.push(1);
        } else {
          row.push(0);
        }
      }
      out.push(row.copy());
    }
    return out.copy();
  }
}

let scale = [[2, 0], [0, 3]];
let shear = [[1, 1], [0, 1]];
let combined = Matrix.multiply(scale, shear);
let id3 = Matrix.identity(3);

test "matrices computed preflight" {
  expect.equal(combined.at(0).at(0), 2);
  expect.equal(combined.at(0).at(1), 2);
  expect.equal(combined.at(1).at(1), 3);
  expect.equal(id3.at(1).join(","), "0,1,0");
}

test "transpose and rotation inflight" {
  let transpose = (m: Array<Array<num>>): Array<Array<num>> => {
    let out = MutArray<Array<num>>[];
    for j in 0..m.at(0).length {
      let col = MutArray<num>[];
      for i in 0..m.length {
        col.push(m.at(i).at(j));
      }
      out.push(col.copy());
    }
    return out.copy();
  };
  let t = transpose([[1, 2, 3], [4, 5, 6]]);
  expect.equal(t.length, 3);
  expect.equal(t.at(2).join(","), "3,6");
  let angle = math.PI / 2;
  let rx = math.cos(angle) * 1 - math.sin(angle) * 0;
  let ry = math.sin(angle) * 1 + math.cos(angle) * 0;
  expect.equal(math.round(rx * 1000) / 1000, 0);
  expect.equal(math.round(ry * 1000) / 1000, 1);
}
