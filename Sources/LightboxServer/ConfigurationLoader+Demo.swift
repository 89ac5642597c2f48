extension ConfigurationLoader {
    /// The scaled demo's size: flags, then `LIGHTBOX_DEMO_DAYS` / `LIGHTBOX_DEMO_PATIENTS_PER_DAY`.
    /// Either one asks for the scaled demo (and so the demo department); the other then takes its
    /// default (10 days, 1,000 patients a day: the size issue 14's page benchmark measures).
    func loadDemoScale(_ flags: Flags, into config: inout ServerConfiguration) throws {
        let days = try flags.demoDays ?? int(env: "LIGHTBOX_DEMO_DAYS")
        let perDay = try flags.demoPatientsPerDay ?? int(env: "LIGHTBOX_DEMO_PATIENTS_PER_DAY")
        guard days != nil || perDay != nil else { return }
        config.demoScale = try DemoScale(days: days ?? 10, patientsPerDay: perDay ?? 1_000)
        config.demo = true
    }
}
