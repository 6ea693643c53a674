import Chip from '@mui/material/Chip';
import BlockOutlined from '@mui/icons-material/BlockOutlined';
import CheckCircleOutline from '@mui/icons-material/CheckCircleOutlineOutlined';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import LockClockOutlined from '@mui/icons-material/LockClockOutlined';
import type { ResultOf } from '../../main/core/api/types';

export type UserDto = ResultOf<'users.list'>[number];

/** The account's state in words (and an icon): colour is never the only signal. */
export function UserStateChip({ user }: { user: UserDto }) {
  if (user.disabled) return <Chip size="small" icon={<BlockOutlined />} label="Отключена" variant="outlined" />;
  if (user.locked) return <Chip size="small" icon={<LockClockOutlined />} label="Временно заблокирована" color="warning" variant="outlined" />;
  if (user.mustChangePassword) return <Chip size="small" icon={<KeyOutlined />} label="Ждёт смены пароля" color="info" variant="outlined" />;
  return <Chip size="small" icon={<CheckCircleOutline />} label="Действует" color="success" variant="outlined" />;
}
