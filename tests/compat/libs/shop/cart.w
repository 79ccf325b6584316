bring "./tax.w" as tax;

pub struct Item {
  sku: str;
  price: num;
  qty: num;
}

pub class Cart {
  items: MutArray<Item>;
  new() {
    this.items = MutArray<Item>[];
  }
  pub add(item: Item) {
    this.items.push(item);
  }
  pub total(): num {
    let var sum = 0;
    for i in this.items {
      sum += i.price * i.qty;
    }
    return tax.Tax.apply(sum);
  }
}
