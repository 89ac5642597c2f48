extension Double {
    /// A number as the pages write it: "1.5", "2" (not "2.0").
    var pageClean: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
