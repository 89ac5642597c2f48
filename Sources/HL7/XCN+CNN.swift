extension XCN {
    /// CNN (§2.A.9) sits in a component, so its parts are sub-components: id&family&given&second&suffix&prefix&degree.
    static func fromCNN(_ c: Field) -> XCN {
        XCN(
            idNumber: c.subcomponent(1).text, familyName: c.subcomponent(2).text, givenName: c.subcomponent(3).text,
            secondNames: c.subcomponent(4).text, suffix: c.subcomponent(5).text, prefix: c.subcomponent(6).text,
            degree: c.subcomponent(7).text)
    }
}
