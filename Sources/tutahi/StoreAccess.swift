import TutahiCore
import TutahiStore

/// The configured store, opened under its single-process lock.
struct StoreAccess {
    /// The lock, held while this value lives.
    let lock: StoreLock
    /// The store.
    let store: Store

    /// Locks and opens the config's store; nil when the config has none.
    static func open(for configuration: Configuration) throws(StoreError) -> StoreAccess? {
        guard let path = configuration.store else { return nil }
        let lock = try StoreLock(storePath: path)
        return StoreAccess(lock: lock, store: try Store(path: path))
    }
}
