// The custom properties Parley's components set inline, typed once so `style` needs no assertion.
import 'react';

declare module 'react' {
  interface CSSProperties {
    /** A stance label's colour, read by the claim and gold editors' CSS. */
    '--stance-colour'?: string;
  }
}
