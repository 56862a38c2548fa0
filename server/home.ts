import { escapeHtml } from './html';

export interface HomeForm {
  /** What the person typed, put back in the field. */
  typed?: string;
  /** A proof-of-work challenge: the page's script solves it and sends the form again. */
  challenge?: string;
}

/** The site's front page: what a person who types the address without a link sees. */
export function homePage(notice?: string, form: HomeForm = {}): string {
  const challenge = form.challenge
    ? ` data-challenge="${escapeHtml(form.challenge)}"><input type="hidden" name="challenge" value="${escapeHtml(form.challenge)}"><input type="hidden" name="nonce" value=""`
    : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Khảo sát xã hội học Chỉ số CCHC</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:40rem;color:#1a1a1a}h1{font-size:1.4rem}.n{background:#fff4e5;padding:.75rem;border-radius:.5rem}label{display:block;margin:1rem 0 .25rem}input,button{font:inherit;padding:.6rem .8rem;min-height:48px;border-radius:.4rem;border:1px solid #666}input{box-sizing:border-box;width:100%;max-width:16rem;text-transform:uppercase;letter-spacing:2px}button{background:#0b4f9c;color:#fff;border-color:#0b4f9c;margin-top:.5rem}</style>
</head><body><main>
<h1>Khảo sát xã hội học về Chỉ số cải cách hành chính</h1>
${notice ? `<p class="n" role="status">${escapeHtml(notice)}</p>` : ''}
<p>Để trả lời phiếu khảo sát, Ông/Bà hãy quét mã QR hoặc mở đường dẫn cá nhân mà cơ quan tổ chức khảo sát đã gửi.</p>
<form method="post" action="/code"${challenge}><label for="code">Hoặc nhập mã in trên phiếu mời, hoặc mã góp ý dùng một lần (8 ký tự):</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" placeholder="VD: K7QM-4X2P" required value="${escapeHtml(form.typed ?? '')}">
<button type="submit">Mở phiếu</button></form>
${form.challenge ? '<noscript><p class="n">Trình duyệt đang tắt JavaScript nên không kiểm tra được. Vui lòng quét mã QR hoặc mở đường dẫn cá nhân trên phiếu mời.</p></noscript><script src="/code-check.js" defer></script>' : ''}
<p>Mỗi đường dẫn chỉ dùng cho một người và chỉ gửi được một lần. Phiếu không ghi họ tên; câu trả lời không thể truy ra người trả lời.</p>
</main></body></html>`;
}

/**
 * The home page's only script, loaded only when the server asks for a proof of work (the site
 * is under a guessing attack): finds a nonce such that SHA-256(challenge + ':' + nonce) starts
 * with the challenge's number of zero bits (server/auth/proof.ts), in slices so the page stays
 * responsive, then sends the form again. Plain JavaScript SHA-256: Web Crypto is missing on a
 * plain-HTTP address, and a synchronous hash is faster here than one promise per hash.
 */
export const CODE_CHECK_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-challenge]');
  if (!form) return;
  var K = [0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2];
  var W = new Int32Array(64);
  /* The first 32 bits of SHA-256 of an ASCII string: enough to count up to 32 zero bits. */
  function head(s) {
    var n = s.length, words = ((n + 8) >> 6) + 1, m = new Int32Array(words * 16), i;
    for (i = 0; i < n; i++) m[i >> 2] |= s.charCodeAt(i) << (24 - (i & 3) * 8);
    m[n >> 2] |= 0x80 << (24 - (n & 3) * 8);
    m[words * 16 - 1] = n * 8;
    var h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab, h7 = 0x5be0cd19;
    for (var b = 0; b < words * 16; b += 16) {
      for (i = 0; i < 64; i++) {
        if (i < 16) W[i] = m[b + i];
        else {
          var x = W[i - 15], y = W[i - 2];
          W[i] = (((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3)) + W[i - 7] + (((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10)) + W[i - 16];
        }
      }
      var a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
      for (i = 0; i < 64; i++) {
        var t1 = h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[i] + W[i];
        var t2 = (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & bb) ^ (a & c) ^ (bb & c));
        h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = bb; bb = a; a = (t1 + t2) | 0;
      }
      h0 = (h0 + a) | 0; h1 = (h1 + bb) | 0; h2 = (h2 + c) | 0; h3 = (h3 + d) | 0;
      h4 = (h4 + e) | 0; h5 = (h5 + f) | 0; h6 = (h6 + g) | 0; h7 = (h7 + h) | 0;
    }
    return h0;
  }
  function zeros(word) { return word === 0 ? 32 : Math.clz32(word); }
  var challenge = form.getAttribute('data-challenge');
  var bits = Number(challenge.split('.')[3]);
  var n = 0;
  function step() {
    for (var end = n + 20000; n < end; n++) {
      if (zeros(head(challenge + ':' + n.toString(36))) >= bits) {
        form.elements.nonce.value = n.toString(36);
        form.submit();
        return;
      }
    }
    setTimeout(step, 0);
  }
  form.addEventListener('submit', function (event) {
    if (!form.elements.nonce.value) event.preventDefault();
  });
  if (form.elements.code.value) step();
  else form.addEventListener('submit', function () { if (!n) step(); });
})();
`;
