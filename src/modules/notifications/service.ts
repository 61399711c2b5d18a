// The notifications module's use cases. Rows are written by the modules that decide a push
// (recommendations: rounds and cadre digests; applications: progress notices) through repo.ts,
// in their own transactions; delivering them is this module's (deliver.ts), run by workers/notify.ts.
export {
  type DeliveryOutcome,
  deliverNotification,
  giveUpDelivery,
  RetryableDeliveryError,
} from "./deliver";
