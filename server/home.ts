import { escapeHtml } from './html';

/** The site's front page: what a person who types the address without a link sees. */
export function homePage(notice?: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Khảo sát xã hội học Chỉ số CCHC</title>
<style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:40rem;color:#1a1a1a}h1{font-size:1.4rem}.n{background:#fff4e5;padding:.75rem;border-radius:.5rem}label{display:block;margin:1rem 0 .25rem}input,button{font:inherit;padding:.6rem .8rem;min-height:48px;border-radius:.4rem;border:1px solid #666}input{box-sizing:border-box;width:100%;max-width:16rem;text-transform:uppercase;letter-spacing:2px}button{background:#0b4f9c;color:#fff;border-color:#0b4f9c;margin-top:.5rem}</style>
</head><body><main>
<h1>Khảo sát xã hội học về Chỉ số cải cách hành chính</h1>
${notice ? `<p class="n">${escapeHtml(notice)}</p>` : ''}
<p>Để trả lời phiếu khảo sát, Ông/Bà hãy quét mã QR hoặc mở đường dẫn cá nhân mà Phòng Nội vụ đã gửi.</p>
<form method="post" action="/code"><label for="code">Hoặc nhập mã in trên phiếu mời (8 ký tự):</label>
<input id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="20" placeholder="VD: K7QM-4X2P" required>
<button type="submit">Mở phiếu</button></form>
<p>Mỗi đường dẫn chỉ dùng cho một người và chỉ gửi được một lần. Phiếu không ghi họ tên; câu trả lời không thể truy ra người trả lời.</p>
</main></body></html>`;
}
