import { z } from 'zod';
import { email, passwordSchema } from '../../platform/http/schemas.ts';

export const SignInInput = z.object({ email, password: z.string().min(1, 'Vul uw wachtwoord in.').max(200) });
export const SignInResult = z.object({ next: z.enum(['mfa', 'enrol', 'done']) });

export const CodeInput = z.object({
  code: z.string().trim().min(6, 'Vul de code in.').max(20, 'Deze code is te lang.'),
});

export const EnrolmentResult = z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string() });
export const RecoveryCodesResult = z.object({ recoveryCodes: z.array(z.string()) });

export const ForgotInput = z.object({ email });
export const TokenInput = z.object({ token: z.string().min(10).max(200) });
export const SetPasswordInput = z.object({ token: z.string().min(10).max(200), password: passwordSchema });

export const InvitationInfo = z.object({ name: z.string(), email: z.string(), partnership: z.string() });
