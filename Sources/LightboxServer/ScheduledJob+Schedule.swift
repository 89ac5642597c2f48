import LightboxDomain

extension ScheduledJob {
    /// The job's schedule as the manager's listing shows it (`GET /api/jobs`).
    public var schedule: JobSchedule {
        JobSchedule(
            name: name, intervalSeconds: intervalSeconds, leaseSeconds: leaseSeconds, maximumAttempts: maximumAttempts)
    }
}
