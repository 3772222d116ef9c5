import axios from 'axios';

const verifier = axios.create({
  baseURL: 'https://api.verifier.example/v2',
  timeout: 5_000,
  headers: { authorization: `Bearer ${process.env.VERIFY_API_KEY}` },
});

export interface Verdict {
  email: string;
  deliverable: boolean;
}

export async function verifyAddress(email: string): Promise<Verdict> {
  const { data } = await verifier.get<{ result: string }>('/verify', { params: { email } });
  return { email, deliverable: data.result === 'deliverable' };
}

export async function domainHasMx(domainUrl: string, signal: AbortSignal): Promise<boolean> {
  const response = await fetch(domainUrl, { signal: AbortSignal.any([signal, AbortSignal.timeout(3_000)]) });
  return response.ok;
}
