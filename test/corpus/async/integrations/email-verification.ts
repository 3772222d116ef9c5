import axios from 'axios';

const VERIFY_API = 'https://api.verifier.example/v2';

export interface Verdict {
  email: string;
  deliverable: boolean;
}

export async function verifyAddress(email: string): Promise<Verdict> {
  const { data } = await axios.get<{ result: string }>(`${VERIFY_API}/verify`, {
    params: { email },
    headers: { authorization: `Bearer ${process.env.VERIFY_API_KEY}` },
  });
  return { email, deliverable: data.result === 'deliverable' };
}

export async function domainHasMx(domainUrl: string): Promise<boolean> {
  const response = await fetch(domainUrl);
  return response.ok;
}
