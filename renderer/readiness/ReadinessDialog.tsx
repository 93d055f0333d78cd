export function ReadinessDialog(_: { connectionId: string; onClose: () => void; returnFocus?: () => Element | null | undefined }) {
  return null;
}
